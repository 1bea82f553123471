/**
 * Entry of the diagnostic bundle (dist/web/diagnostic/diagnostic.js + diagnostic.css). Defines
 * <maillage-diagnostic>; when the page holds no stylesheet of ours, adds diagnostic.css.
 */
import '../common/page.css';
import './diagnostic.css';
import { ensureStylesheet } from '../common/stylesheet';
import { defineElement } from './element';

ensureStylesheet(document.currentScript, 'diagnostic.css');
defineElement();
