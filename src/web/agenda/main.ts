/**
 * Entry of the agenda bundle (dist/web/agenda/agenda.js + agenda.css). Defines <maillage-agenda>;
 * when the page holds no stylesheet of ours, adds agenda.css.
 */
import '../common/page.css';
import './agenda.css';
import { ensureStylesheet } from '../common/stylesheet';
import { defineElement } from './element';

ensureStylesheet(document.currentScript, 'agenda.css');
defineElement();
