"""contacts"""

urls: list = []
