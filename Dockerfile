# Offload's container image: multi-stage, standalone Next.js output, non-root.
# Build and start steps are the ones the tests run (scripts/start.sh): `next build`, then
# `node server.js` from .next/standalone with .next/static and public/ copied beside it.
# No container engine runs on the project's machines, so this recipe is not built in CI.

FROM node:24-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:24-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npx next build \
 && cp -r .next/static .next/standalone/.next/static \
 && cp -r public .next/standalone/public

FROM node:24-bookworm-slim AS run
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
WORKDIR /app
RUN groupadd --gid 10001 offload && useradd --uid 10001 --gid 10001 --no-create-home offload
COPY --from=build --chown=10001:10001 /src/.next/standalone ./
USER 10001:10001
EXPOSE 3000
# A 16 MB young generation, not the one V8 sizes from the host's memory (see scripts/start.sh).
CMD ["node", "--max-semi-space-size=16", "server.js"]
