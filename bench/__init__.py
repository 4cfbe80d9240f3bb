"""A benchmark anyone can rerun: `make bench-seed` fills a PostgreSQL database with the
volume of a portal in use, `make bench` measures the key pages, PDFs and beat tasks on it.

Plain modules run with the project's settings (`bench.settings`): not a Django app, no
models. Nothing in the portal imports this package."""
