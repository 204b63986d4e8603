def find_column_major_tables(lines):
    return []
