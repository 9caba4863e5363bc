# Parley server image: `docker build -t parley .` from the repository root.
# Not exercised by CI (no Docker engine there); see docs/operations.md.

# --- build: every workspace, then only the runtime dependencies are kept ---
FROM node:20-bookworm-slim AS build
# argon2 and better-sqlite3 are native modules: prebuilt binaries are downloaded when they
# exist for this platform, compiled otherwise.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Manifests first, so `npm ci` is cached until a dependency changes.
COPY package.json package-lock.json ./
COPY packages/protocol/package.json packages/protocol/
COPY apps/server/package.json apps/server/
COPY apps/widget/package.json apps/widget/
COPY apps/console/package.json apps/console/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: the built server, widget and console; no sources, no compilers ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages/protocol/package.json packages/protocol/
COPY --from=build /app/packages/protocol/dist packages/protocol/dist
COPY --from=build /app/apps/server/package.json apps/server/
COPY --from=build /app/apps/server/dist apps/server/dist
COPY --from=build /app/apps/widget/dist apps/widget/dist
COPY --from=build /app/apps/console/dist apps/console/dist
# SQLite, uploaded files and the mail outbox live under DATA_DIR: mount a volume there.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# Liveness only; a balancer decides readiness by /readyz.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM starts the graceful drain; give it SHUTDOWN_GRACE_MS (10 s) plus a margin before
# SIGKILL: `docker stop -t 15`, or stop_grace_period in compose.
STOPSIGNAL SIGTERM
CMD ["node", "apps/server/dist/main.js"]
