"""The portal in the six UN languages: UN dates, right-to-left isolation, content written
per language, and the reader's language for each request."""
