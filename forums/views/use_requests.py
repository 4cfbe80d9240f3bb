"""use_requests"""

urls: list = []
