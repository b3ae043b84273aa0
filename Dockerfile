# The triage API on the shipped model. Build from the repository root:
#   docker build -t hotline-triage . && docker run -p 8000:8000 hotline-triage
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    TRIAGE_DATABASE_URL=sqlite:////data/triage.db
COPY pyproject.toml README.md ./
COPY service ./service
COPY training ./training
COPY labels ./labels
RUN pip install --no-cache-dir -e . && mkdir -p /data
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz').status != 200)"
CMD ["triage", "serve", "--host", "0.0.0.0", "--port", "8000"]
