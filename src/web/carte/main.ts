/**
 * Entry of the map bundle (dist/web/carte.js + carte.css). Defines <maillage-carte>; when the page
 * holds no stylesheet of ours (a site embedding the map with one script tag), adds carte.css.
 */
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import './carte.css';
import { ensureStylesheet } from '../common/stylesheet';
import { defineElement } from './element';

ensureStylesheet(document.currentScript, 'carte.css');
defineElement();
