"""briefings"""

urls: list = []
