# syntax=docker/dockerfile:1

# ---- build: compile TypeScript with the full toolchain ----
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npx tsc -p tsconfig.build.json

# ---- deps: production dependencies only ----
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime: no compiler, no dev dependencies, not root ----
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HEALTH_PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The shipped banks sit where the bot looks by default (BANKS_DIR ./data/banks); mount a folder over
# /app/data/banks to use a study group's own.
COPY data ./data
# ./var, the bot's own default DATA_DIR, is the volume too: an env file with DATA_DIR=./var or DATA_DIR=
# (blank, so unset) then still keeps the embedded store in /data rather than in the root-owned /app.
RUN mkdir -p /data && chown node:node /data && ln -s /data /app/var
USER node
VOLUME ["/data"]
EXPOSE 8080
# Healthy once the gateway session is ready and the store answers; node's fetch needs no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is the process (exec form), so SIGTERM reaches the bot's shutdown handler.
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
