"""challenges"""

urls: list = []
