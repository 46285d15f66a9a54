# syntax=docker/dockerfile:1
# One image for every Tenure process: docker run IMAGE api | worker | usage-consumer | notifier | migrate
# (and `cli ...` for the operator CLI). It runs the compiled JavaScript (`npm run build`, dist/), never
# tsx, as the unprivileged `node` user, under tini, which forwards SIGTERM to the process and reaps
# zombies. docker-compose.yml builds and runs it; README "Running compiled / in containers".
# Debian (glibc), not Alpine: the Temporal worker's native core ships for glibc.
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Build: every dependency (TypeScript and the rest), then compile and prebuild the workflow bundle.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. The production dependencies alone.
FROM ${NODE_IMAGE} AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Run: Node, tini, the production node_modules and dist/.
FROM ${NODE_IMAGE} AS run
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY package.json ./
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY ops/run-compiled ./ops/run-compiled
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--", "/app/ops/run-compiled"]
CMD ["api"]
