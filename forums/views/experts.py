"""experts"""

urls: list = []
