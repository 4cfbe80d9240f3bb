"""calls"""

urls: list = []
