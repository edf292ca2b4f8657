# ketenpoort: the gateway (and, from the same image, the stand-in mock agencies of compose.yaml).
# Node.js 24 on Debian slim; only production dependencies; runs as the unprivileged `node` user under
# tini (signals reach node, zombies are reaped); healthcheck on /healthz. Node runs the TypeScript
# sources directly (type stripping): there is no build step, so the image holds exactly what was reviewed.
FROM node:24-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    KETENPOORT_DATA_DIR=/var/lib/ketenpoort
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error && npm cache clean --force
COPY schema ./schema
COPY covenants ./covenants
COPY adapters ./adapters
COPY src ./src
COPY scripts ./scripts
COPY config ./config
COPY operations ./operations
RUN mkdir -p /var/lib/ketenpoort && chown node:node /var/lib/ketenpoort
USER node
EXPOSE 4000 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "src/main.ts"]
