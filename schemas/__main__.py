from schemas import markdown

print(markdown())
