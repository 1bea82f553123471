/**
 * The one Leaflet of the map bundle. scripts/build.ts injects this module wherever a bundled file
 * uses the global `L` (leaflet.markercluster does), so the plugin extends this very object and the
 * page that embeds the map keeps its own `window.L`, if it has one.
 */
import Leaflet from 'leaflet';

// Leaflet's UMD build always sets window.L: give the embedding page back what it had.
Leaflet.noConflict();

export { Leaflet as L };
