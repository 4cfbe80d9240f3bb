"""submissions"""

urls: list = []
