/**
 * Entry of the map bundle (dist/web/carte.js + carte.css). Defines <maillage-carte>; when the page
 * holds no stylesheet of ours (a site embedding the map with one script tag), adds carte.css.
 */
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import './carte.css';
import { defineElement } from './element';

function ensureStylesheet() {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || !script.src) return;
  const href = new URL('carte.css', script.src).href;
  const present = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some(
    (l) => l.href === href,
  );
  if (present) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.appendChild(link);
}

ensureStylesheet();
defineElement();
