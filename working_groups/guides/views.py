"""guides"""

urls: list = []
