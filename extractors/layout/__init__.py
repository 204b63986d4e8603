"""Clean layout: furniture, pages and their labels, reading order, paragraphs."""
