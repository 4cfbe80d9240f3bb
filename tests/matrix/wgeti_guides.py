OBJECTS: dict = {}
GET_URLS: dict = {}
POST_URLS: dict = {}
EXPECTED: dict = {}
