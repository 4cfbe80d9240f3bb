"""presentations"""

urls: list = []
