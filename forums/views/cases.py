"""cases"""

urls: list = []
