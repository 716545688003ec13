#!/usr/bin/env bash
# Re-create src/sitrep/web/static/vendor/ from npm: the JavaScript libraries and map data the web UI
# bundles so that it works with no internet.  Pinned versions; bump them here and in vendor/README.md.
#   cytoscape        network graph                      MIT
#   d3               timeline (bars, brush) and map     ISC
#   topojson-client  TopoJSON -> GeoJSON for the map    ISC
#   world-atlas      Natural Earth 1:110m countries     ISC (data: Natural Earth, public domain)
#   swagger-ui-dist  the API explorer at /docs          Apache-2.0
set -euo pipefail

CYTOSCAPE=3.34.4
D3=7.9.2
TOPOJSON_CLIENT=3.1.0
WORLD_ATLAS=2.0.2
SWAGGER_UI=5.35.0

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/src/sitrep/web/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
    "cytoscape@$CYTOSCAPE" "d3@$D3" "topojson-client@$TOPOJSON_CLIENT" "world-atlas@$WORLD_ATLAS" "swagger-ui-dist@$SWAGGER_UI" >/dev/null
NM="$WORK/node_modules"

mkdir -p "$DEST/licenses"
cp "$NM/cytoscape/dist/cytoscape.min.js" "$DEST/cytoscape.min.js"
cp "$NM/d3/dist/d3.min.js" "$DEST/d3.min.js"
cp "$NM/topojson-client/dist/topojson-client.min.js" "$DEST/topojson-client.min.js"
cp "$NM/world-atlas/countries-110m.json" "$DEST/countries-110m.json"
cp "$NM/swagger-ui-dist/swagger-ui-bundle.js" "$NM/swagger-ui-dist/swagger-ui.css" "$DEST/"
cp "$NM/cytoscape/LICENSE" "$DEST/licenses/cytoscape.LICENSE"
cp "$NM/d3/LICENSE" "$DEST/licenses/d3.LICENSE"
cp "$NM/topojson-client/LICENSE" "$DEST/licenses/topojson-client.LICENSE"
cp "$NM/world-atlas/LICENSE" "$DEST/licenses/world-atlas.LICENSE"
cp "$NM/swagger-ui-dist/LICENSE" "$DEST/licenses/swagger-ui-dist.LICENSE"
cp "$NM/swagger-ui-dist/NOTICE" "$DEST/licenses/swagger-ui-dist.NOTICE"
echo "vendored into $DEST:"
ls -l "$DEST"
