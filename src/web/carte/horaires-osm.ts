/**
 * Second entry of the map bundle (`horaires-osm.js`), loaded only when a place's `horaires` is
 * beyond the simple shape core/hours/schedule.ts reads itself: the `opening_hours` reference
 * library (core/hours/osm.ts), exposed as an OsmEngine on one global.
 */
import { compileOsm } from '../../core/hours/osm';
import { OSM_ENGINE_GLOBAL, type OsmEngine } from '../../core/hours/schedule';

const engine: OsmEngine = { compile: compileOsm };

(window as unknown as Record<string, OsmEngine>)[OSM_ENGINE_GLOBAL] = engine;
