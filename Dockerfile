# syntax=docker/dockerfile:1
#
# Technopolice — one image for both modes.
#   * embedded mode (no DATABASE_URL / OIDC_ISSUER / REDIS_URL / S3_*): PGlite in
#     DATA_DIR, built-in OIDC issuer, files on disk. Mount a volume on /app/data.
#   * scaled mode (docker-compose.yml): PostgreSQL, Keycloak, Redis, MinIO, several
#     replicas behind nginx.
#
# Build:  docker build -t technopolice .
# Run:    docker run -p 3000:3000 -v technopolice-data:/app/data technopolice

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
# base: Node 20 and the npm it ships (10.8.x). Not npm 11: npm 11.19 `npm ci` refuses
# the current package-lock.json ("Missing: napi-windows-process-start-time from lock
# file", a Windows-only optional dependency of vite the registry does not serve), while
# npm 10 installs it as is.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app

# ---------------------------------------------------------------------------
# manifests: only what `npm ci` needs (root package.json + lockfile + every
# workspace's package.json, at the same paths). Copying the whole context and
# extracting the manifests keeps this in step with the `workspaces` globs
# (packages/*, apps/*) without listing each workspace; the layers below are
# only rebuilt when a manifest or the lockfile actually changes.
# ---------------------------------------------------------------------------
FROM base AS manifests
WORKDIR /src
COPY . .
RUN mkdir -p /manifests \
 && cp --parents package.json package-lock.json /manifests/ \
 && for manifest in packages/*/package.json apps/*/package.json; do \
      if [ -f "$manifest" ]; then cp --parents "$manifest" /manifests/; fi; \
    done

# ---------------------------------------------------------------------------
# deps: full install (dev dependencies included) for the build.
# --ignore-scripts: the project allows no dependency install script (see
# `allowScripts` in package.json); native parts (nx, @swc/core, rolldown…) come
# as prebuilt optional dependencies.
# ---------------------------------------------------------------------------
FROM base AS deps
COPY --from=manifests /manifests/ ./
RUN npm ci --ignore-scripts

# ---------------------------------------------------------------------------
# build: shared -> api, web (Nx orders the projects from their dependencies).
# ---------------------------------------------------------------------------
FROM deps AS build
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false \
    NX_SKIP_NX_CACHE=true \
    CI=true
COPY . .
RUN npx nx run-many -t build --outputStyle=static \
 && test -f apps/api/dist/main.js \
 && test -f apps/web/dist/index.html \
 && test -d packages/shared/dist

# ---------------------------------------------------------------------------
# runtime: production dependencies of the API only (the web app is static files), with
# the workspace layout kept so that node_modules/@technopolice/shared is npm's workspace
# symlink to packages/shared, whose package.json "exports" point at dist/.
# ---------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data \
    WEB_DIST_DIR=/app/apps/web/dist
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --workspace=@technopolice/api \
 && npm cache clean --force \
 && mkdir -p /app/data \
 && chown node:node /app/data
COPY --from=build /app/packages/shared/dist ./packages/shared/dist
COPY --from=build /app/apps/api/dist ./apps/api/dist
COPY --from=build /app/apps/web/dist ./apps/web/dist

USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]
