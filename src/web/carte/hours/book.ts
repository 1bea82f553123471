/**
 * One place's hours, read once and cached by value: the simple shape at once, anything else through
 * the on-demand library. While the library loads, such values are `pending`; `onChange` fires when
 * they become readable (or unreadable, when the library cannot be loaded).
 */
import {
  OSM_ENGINE_GLOBAL,
  type OsmEngine,
  parseSimpleHours,
  type Schedule,
} from '../../../core/hours/schedule';

export type HoursState =
  | { kind: 'none' }
  | { kind: 'pending' }
  | { kind: 'invalid'; raw: string }
  | { kind: 'ok'; schedule: Schedule; raw: string };

export type EngineLoader = () => Promise<OsmEngine>;

export class HoursBook {
  private readonly cache = new Map<string, HoursState>();
  private engine: OsmEngine | null = null;
  private loading: Promise<void> | null = null;
  private failed = false;
  /** The feed's département (its public and school holidays). */
  departement = '';

  constructor(
    private readonly loadEngine: EngineLoader,
    private readonly onChange: () => void,
  ) {}

  get(value: string | null | undefined): HoursState {
    if (value === null || value === undefined || value.trim() === '') return { kind: 'none' };
    const hit = this.cache.get(value);
    if (hit) return hit;
    const simple = parseSimpleHours(value);
    if (simple) return this.remember(value, { kind: 'ok', schedule: simple, raw: value });
    if (this.engine) {
      const schedule = this.engine.compile(value, this.departement);
      return this.remember(
        value,
        schedule ? { kind: 'ok', schedule, raw: value } : { kind: 'invalid', raw: value },
      );
    }
    if (this.failed) return { kind: 'invalid', raw: value };
    this.startLoading();
    return { kind: 'pending' };
  }

  /** True while some value waits for the library. */
  get isLoading(): boolean {
    return this.loading !== null && this.engine === null && !this.failed;
  }

  private remember(value: string, state: HoursState): HoursState {
    this.cache.set(value, state);
    return state;
  }

  private startLoading() {
    if (this.loading) return;
    this.loading = this.loadEngine().then(
      (engine) => {
        this.engine = engine;
        this.onChange();
      },
      () => {
        this.failed = true;
        this.onChange();
      },
    );
  }
}

/** Loads `horaires-osm.js` from the map's own folder, once per page. */
export function scriptEngineLoader(baseUrl: string): EngineLoader {
  let promise: Promise<OsmEngine> | null = null;
  return () => {
    const existing = (window as unknown as Record<string, OsmEngine | undefined>)[OSM_ENGINE_GLOBAL];
    if (existing) return Promise.resolve(existing);
    if (promise) return promise;
    promise = new Promise<OsmEngine>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL('horaires-osm.js', baseUrl).href;
      script.async = true;
      script.onload = () => {
        const engine = (window as unknown as Record<string, OsmEngine | undefined>)[OSM_ENGINE_GLOBAL];
        if (engine) resolve(engine);
        else reject(new Error('horaires-osm.js loaded without its engine'));
      };
      script.onerror = () => reject(new Error('horaires-osm.js could not be loaded'));
      document.head.appendChild(script);
    });
    return promise;
  };
}
