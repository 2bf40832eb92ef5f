#!/usr/bin/env bash
# Restore a backup made by backup.sh into an EMPTY database and EMPTY upload folders.
#
#   DATABASE_URL=postgres://…/twincity_restored MEDIA_ROOT=… PRIVATE_MEDIA_ROOT=… \
#     deploy/restore.sh /srv/backups/twincity-20261206T020000Z [--force]
#
# Checks the manifest first; refuses a database that has tables, or a folder that has files,
# unless --force (then the dump's objects replace those of the same name, and the archives'
# files are written over the folders' files). The database must exist (createdb).
set -euo pipefail

directory=${1:?usage: restore.sh BACKUP_DIRECTORY [--force]}
force=${2:-}
: "${DATABASE_URL:?DATABASE_URL must name the (empty) database to restore into}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the (empty) public uploads folder}"
: "${PRIVATE_MEDIA_ROOT:?PRIVATE_MEDIA_ROOT must name the (empty) private uploads folder}"

refuse() {
  echo "restore.sh: $1" >&2
  exit 2
}

(cd "$directory" && sha256sum --check --quiet MANIFEST.sha256) || refuse "checksums differ: $directory"

if [ "$force" != "--force" ]; then
  tables=$(psql --dbname="$DATABASE_URL" --tuples-only --no-align --command \
    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
  [ "$tables" = 0 ] || refuse "the database has $tables tables: restore into an empty one, or --force"
  for folder in "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"; do
    if [ -d "$folder" ] && [ -n "$(ls -A "$folder")" ]; then
      refuse "$folder is not empty: restore into empty folders, or --force"
    fi
  done
fi

clean=()
[ "$force" = "--force" ] && clean=(--clean --if-exists)
pg_restore --no-owner --no-privileges --exit-on-error "${clean[@]}" \
  --dbname="$DATABASE_URL" "$directory/database.dump"
for name in media private; do
  folder=$MEDIA_ROOT
  [ "$name" = private ] && folder=$PRIVATE_MEDIA_ROOT
  mkdir -p "$folder"
  tar --extract --gzip --file="$directory/$name.tar.gz" -C "$folder"
done
echo "restored $directory"
