"""workplan"""

urls: list = []
