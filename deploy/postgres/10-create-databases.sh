#!/bin/bash
# Runs once, when the postgres volume is first initialised (docker-entrypoint-initdb.d).
# Creates one role and one database per service, so that neither the API nor Keycloak
# connects as the superuser nor can read the other's tables:
#   technopolice / TECHNOPOLICE_DB_PASSWORD -> database technopolice (the API)
#   keycloak     / KEYCLOAK_DB_PASSWORD     -> database keycloak
# Changing the passwords later in .env does not change them here: use ALTER ROLE, or
# remove the volume (which deletes all data).
set -euo pipefail

: "${TECHNOPOLICE_DB_PASSWORD:?TECHNOPOLICE_DB_PASSWORD must be set}"
: "${KEYCLOAK_DB_PASSWORD:?KEYCLOAK_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v technopolice_password="$TECHNOPOLICE_DB_PASSWORD" \
  -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE technopolice LOGIN PASSWORD :'technopolice_password';
CREATE DATABASE technopolice OWNER technopolice ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE technopolice FROM PUBLIC;

CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
SQL
