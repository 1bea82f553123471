// Reads the shared workbook through the Google Sheets API v4 with the real `@googleapis/sheets` client.
//
// Two requests per read, whatever the number of rows:
//   1. spreadsheets.get (fields=sheets.properties(title)): which requested tabs exist — values.batchGet
//      fails as a whole (400 "Unable to parse range") as soon as one range names a missing tab;
//   2. spreadsheets.values.batchGet for all present tabs at once, UNFORMATTED_VALUE + SERIAL_NUMBER
//      (numbers and booleans as such, dates and times as serial days since 1899-12-30).
// 429 and 5xx are retried here, with bounded exponential backoff and jitter (Retry-After honoured);
// gaxios' own retry is switched off so that `requests` counts every HTTP request actually sent to the
// Sheets API. (Token requests of a service account go to Google's OAuth endpoint and are not counted.)
//
// Bounded time: each request (token requests included) times out after 20 s, and the whole read,
// retries and waits included, gives up after 75 s with a French message, so that a silent API never
// keeps a cron job waiting (a stalled connection used to take 486 s). An answer that is not JSON (a
// captive portal's or a proxy's HTML page) is named as such, never read as an empty workbook.

import { readFileSync } from 'node:fs';
import type { sheets_v4 } from '@googleapis/sheets';
import type { GoogleAuth } from 'google-auth-library';
import { findName, uniqueTabs } from './names.js';
import { type RawWorkbook, SourceError, type WorkbookSource } from './types.js';

export const SHEETS_READONLY_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.readonly';
const DEFAULT_ROOT_URL = 'https://sheets.googleapis.com/';
const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 32_000;
/** A longer Retry-After is not waited for: the command fails and says when to try again. */
const MAX_RETRY_AFTER_MS = 60_000;
/** One HTTP request, token requests included. */
export const REQUEST_TIMEOUT_MS = 20_000;
/** The whole read: every request, retry and wait. With the last request's timeout, under 90 s. */
export const READ_BUDGET_MS = 75_000;
/** After the budget, how long a request still in flight may take before the read is given up. */
const GRACE_MS = 2_000;

export interface SheetsApiSourceOptions {
  /** The spreadsheet id, or the whole address of the spreadsheet (the id is taken from it). */
  spreadsheetId: string;
  /** API root, e.g. `http://127.0.0.1:PORT/` for the loopback emulator (default https://sheets.googleapis.com/). */
  rootUrl?: string;
  /** OAuth access token (MAILLAGE_JETON at the command line): used as is, nothing else is looked up. */
  accessToken?: string;
  /**
   * An auth client (OAuth2Client, JWT, GoogleAuth...) or an API key string, replacing the default
   * Application Default Credentials lookup. For tests and embedding.
   */
  auth?: unknown;
  /** Retries after the first attempt of each request, for 429, 5xx and dropped connections (default 3). */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
  /** Environment to read GOOGLE_APPLICATION_CREDENTIALS from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Timeout of one HTTP request in milliseconds (default REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Time allowed for the whole read, retries and waits included (default READ_BUDGET_MS). */
  budgetMs?: number;
  /** Clock for the budget (default Date.now). */
  now?: () => number;
}

/** Takes the id out of `https://docs.google.com/spreadsheets/d/<id>/edit#gid=0`; returns other text trimmed. */
export function spreadsheetIdFrom(input: string): string {
  const text = input.trim();
  const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(text);
  return m ? m[1]! : text;
}

/** `'Relais ''été'''!A:ZZ`: the whole tab, name quoted as A1 notation requires. */
export function wholeTabRange(title: string): string {
  return `'${title.replace(/'/g, "''")}'!A:ZZ`;
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 10)}…` : id;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// Reading a failure

interface Failure {
  /** HTTP status, when an answer came back. */
  status: number | undefined;
  /** Network error code (ECONNREFUSED, ENOTFOUND...), when no answer came back. */
  network: string | undefined;
  /** Message of the API's error body, or of the exception. */
  message: string;
  /** google.rpc status and ErrorInfo reasons, e.g. PERMISSION_DENIED, SERVICE_DISABLED. */
  reasons: string[];
  retryAfterMs: number | undefined;
  /** The failed request went to the Sheets API (not to the OAuth token endpoint). */
  fromSheets: boolean;
  /** The answer was a web page, not JSON: its title (or its first words). */
  page: string | undefined;
}

/**
 * The title (or first words) of an answer that is a web page rather than the API's JSON: a captive
 * portal, a proxy's login or error page, a company filter. Undefined for JSON.
 */
export function webPage(data: unknown, contentType: string | undefined): string | undefined {
  if (data !== null && typeof data === 'object') return undefined;
  const text = typeof data === 'string' ? data : '';
  const html = /html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body|\?xml)/i.test(text);
  if (!html && !(typeof data === 'string' && data.trim() !== '')) return text === '' ? '(vide)' : undefined;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const words = (title ?? text.replace(/<[^>]*>/g, ' '))
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words === '' ? '(sans titre)' : words.length > 80 ? `${words.slice(0, 79)}…` : words;
}

/** What to check when a web page or nothing comes back instead of the API's answer. */
function notTheApi(host: string, page: string): string {
  return (
    `Ce n'est pas l'API Google Sheets qui a répondu (${host}) mais une page web (« ${page} ») : ` +
    "sans doute un portail de connexion Wi-Fi, un proxy ou un filtre d'entreprise. Vérifiez la connexion " +
    "(ouvrez une page web pour passer le portail), la variable HTTPS_PROXY (le proxy de l'entreprise) et " +
    'MAILLAGE_API_SHEETS (vide, ou l’adresse exacte de l’API), puis relancez.'
  );
}

const TRANSIENT_NETWORK = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TimeoutError',
  'AbortError',
]);
const NETWORK_CODES = new Set([
  ...TRANSIENT_NETWORK,
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function networkCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 6) return undefined;
  const e = err as { code?: unknown; name?: unknown; cause?: unknown; error?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  if (typeof e.name === 'string' && (e.name === 'TimeoutError' || e.name === 'AbortError')) return e.name;
  return networkCode(e.cause, depth + 1) ?? networkCode(e.error, depth + 1);
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => string | null } & Record<string, unknown>;
  if (typeof h.get === 'function') return h.get(name) ?? undefined;
  const v = h[name] ?? h[name.toLowerCase()];
  return typeof v === 'string' ? v : undefined;
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function readFailure(err: unknown, rootUrl: string): Failure {
  const e = (err ?? {}) as {
    status?: unknown;
    message?: unknown;
    config?: { url?: unknown };
    response?: { status?: unknown; headers?: unknown; data?: unknown };
  };
  const rawStatus = e.response?.status ?? e.status;
  const status = typeof rawStatus === 'number' && rawStatus > 0 ? rawStatus : undefined;
  const data = e.response?.data as
    | { error?: { message?: unknown; status?: unknown; details?: Array<{ reason?: unknown }> } | string }
    | undefined;
  const apiError =
    data && typeof data === 'object' && typeof data.error === 'object' ? data.error : undefined;
  const reasons: string[] = [];
  if (typeof apiError?.status === 'string') reasons.push(apiError.status);
  for (const d of apiError?.details ?? []) if (typeof d?.reason === 'string') reasons.push(d.reason);
  // OAuth token endpoint errors: { error: 'invalid_grant', error_description: '...' }
  if (data && typeof data === 'object' && typeof data.error === 'string') reasons.push(data.error);
  const message =
    typeof apiError?.message === 'string'
      ? apiError.message
      : typeof e.message === 'string'
        ? e.message
        : String(err);
  const url = typeof e.config?.url === 'string' ? e.config.url : String(e.config?.url ?? '');
  return {
    status,
    network: status === undefined ? networkCode(err) : undefined,
    message,
    reasons,
    retryAfterMs: parseRetryAfter(header(e.response?.headers, 'retry-after')),
    fromSheets: url === '' || url.startsWith(rootUrl.replace(/\/+$/, '')),
    page:
      e.response && status !== undefined
        ? webPage(e.response.data, header(e.response.headers, 'content-type'))
        : undefined,
  };
}

function isRetryable(f: Failure): boolean {
  // 511 Network Authentication Required is a captive portal: trying again changes nothing.
  if (f.status !== undefined)
    return f.status === 429 || (f.status >= 500 && f.status <= 599 && f.status !== 511);
  return f.network !== undefined && TRANSIENT_NETWORK.has(f.network);
}

// ---------------------------------------------------------------------------------------------------

type AuthMode = 'token' | 'injected' | 'default';

export function sheetsApiSource(opts: SheetsApiSourceOptions): WorkbookSource {
  const spreadsheetId = spreadsheetIdFrom(opts.spreadsheetId ?? '');
  if (spreadsheetId === '') {
    throw new SourceError(
      "Identifiant du classeur Google Sheets manquant : c'est la partie de son adresse entre /d/ et /edit " +
        '(https://docs.google.com/spreadsheets/d/IDENTIFIANT/edit).',
      { configuration: true },
    );
  }
  const rootUrl = opts.rootUrl ?? DEFAULT_ROOT_URL;
  const host = (() => {
    try {
      return new URL(rootUrl).host;
    } catch {
      return rootUrl;
    }
  })();
  const env = opts.env ?? process.env;
  const maxAttempts = Math.max(0, Math.floor(opts.retries ?? 3)) + 1;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const mode: AuthMode = opts.accessToken ? 'token' : opts.auth !== undefined ? 'injected' : 'default';
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS?.trim() || undefined;
  let defaultAuth: GoogleAuth | undefined;

  // The Google client libraries are loaded on first use only: they take a quarter of a second and
  // 30 MB to load, which runs from a CSV folder, an xlsx file or the sample never need.
  async function authClient(): Promise<unknown> {
    const { GoogleAuth, OAuth2Client } = await import('google-auth-library');
    if (mode === 'token') {
      const client = new OAuth2Client();
      client.setCredentials({ access_token: opts.accessToken });
      return client;
    }
    if (mode === 'injected') return opts.auth;
    if (keyFile) checkKeyFile(keyFile);
    // Whether this runs on Google Cloud is read from the machine (BIOS, serverless variables), not
    // by pinging the metadata server: no wait, and no English MetadataLookupWarning behind a proxy.
    process.env.METADATA_SERVER_DETECTION ??= 'bios-only';
    defaultAuth ??= new GoogleAuth({
      scopes: [SHEETS_READONLY_SCOPE],
      ...(keyFile ? { keyFile } : {}),
      // Token requests (Google's OAuth endpoint, the metadata server) time out like the API's.
      clientOptions: { transporterOptions: { timeout: requestTimeout } },
    });
    return defaultAuth;
  }

  /** The service account the requests run as, when it can be known without asking Google. */
  function serviceAccount(): string | undefined {
    if (mode === 'token') return undefined;
    const injected = opts.auth as { email?: unknown } | undefined;
    if (mode === 'injected' && typeof injected?.email === 'string') return injected.email;
    if (!keyFile) return undefined;
    try {
      const key = JSON.parse(readFileSync(keyFile, 'utf8')) as {
        client_email?: unknown;
        service_account_impersonation_url?: unknown;
      };
      if (typeof key.client_email === 'string') return key.client_email;
      const url =
        typeof key.service_account_impersonation_url === 'string'
          ? key.service_account_impersonation_url
          : '';
      return /serviceAccounts\/([^:/]+):generateAccessToken/.exec(url)?.[1];
    } catch {
      return undefined;
    }
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  function explain(err: unknown, f: Failure, attempts: number, requests: number): SourceError {
    const fail = (message: string) => new SourceError(message, { cause: err, requests });
    /** The credentials of this machine are at fault: exit 1. */
    const misconfigured = (message: string) =>
      new SourceError(message, { cause: err, requests, configuration: true });
    const id = spreadsheetId;
    const afterAttempts = attempts > 1 ? ` après ${attempts} tentatives` : '';
    if (f.status === undefined && /Could not load the default credentials/i.test(f.message)) {
      return misconfigured(
        'Aucun identifiant Google trouvé pour lire le classeur. Au choix : ' +
          "1) mettez dans la variable GOOGLE_APPLICATION_CREDENTIALS le chemin du fichier de clé JSON d'un compte de service, " +
          'et partagez le classeur en lecture avec ce compte ; ' +
          "2) donnez un jeton d'accès dans la variable MAILLAGE_JETON (par exemple MAILLAGE_JETON=$(gcloud auth print-access-token)) ; " +
          '3) connectez-vous une fois avec « gcloud auth application-default login ' +
          `--scopes=${SHEETS_READONLY_SCOPE},https://www.googleapis.com/auth/cloud-platform ».`,
      );
    }
    if (f.page !== undefined && f.status !== undefined && (f.status < 500 || f.status === 511)) {
      return fail(`${notTheApi(host, f.page)} (réponse HTTP ${f.status})`);
    }
    if (
      f.status === undefined &&
      /private_key|client_email|DECODER routines|PEM|asn1|no key or keyFile/i.test(f.message)
    ) {
      return misconfigured(
        `La clé indiquée par GOOGLE_APPLICATION_CREDENTIALS${keyFile ? ` (${keyFile})` : ''} est incomplète ou abîmée ` +
          '(sa clé privée ou son adresse de compte de service manque ou est illisible) : téléchargez à nouveau la clé JSON ' +
          'du compte de service (console Google Cloud > IAM et administration > Comptes de service > Clés > Ajouter une clé), ' +
          'sans la modifier, puis relancez.',
      );
    }
    if (!f.fromSheets && f.status !== undefined) {
      return misconfigured(
        `Google a refusé de délivrer un jeton d'accès (${f.reasons[0] ?? f.status} : ${f.message}) : ` +
          "la clé du compte de service a peut-être été supprimée ou désactivée, ou l'horloge de cet ordinateur est fausse. " +
          "Créez une nouvelle clé (console Google Cloud > IAM et administration > Comptes de service > Clés) ou remettez l'ordinateur à l'heure.",
      );
    }
    if (f.status === undefined) {
      const where = f.fromSheets ? host : "le service d'authentification de Google";
      switch (f.network) {
        case 'ECONNREFUSED':
          return fail(
            `Connexion refusée par ${where} : le service Google Sheets est injoignable depuis cet ordinateur. ` +
              'Vérifiez la connexion Internet, le proxy (variable HTTPS_PROXY) ou le pare-feu, puis relancez.',
          );
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
          return fail(
            `Impossible de joindre ${where} (${f.network}) : vérifiez la connexion Internet et le DNS, puis relancez.`,
          );
        case undefined:
          return fail(
            `Lecture du classeur ${id} impossible, la connexion à ${where} a échoué (détail technique : ${f.message}) : ` +
              'vérifiez la connexion Internet, le proxy (variable HTTPS_PROXY) et MAILLAGE_API_SHEETS, puis relancez.',
          );
        default:
          return fail(
            `La connexion à ${where} a été interrompue ou n'a pas répondu (${f.network})${afterAttempts} : ` +
              'vérifiez la connexion Internet puis relancez.',
          );
      }
    }
    switch (f.status) {
      case 401:
        return misconfigured(
          mode === 'token'
            ? "Le jeton d'accès donné dans MAILLAGE_JETON est refusé par Google (expiré ou invalide ; un jeton dure une heure) : " +
                'générez-en un nouveau, par exemple MAILLAGE_JETON=$(gcloud auth print-access-token), puis relancez.'
            : 'Les identifiants Google sont refusés (401) : vérifiez le fichier de clé indiqué par GOOGLE_APPLICATION_CREDENTIALS ' +
                'ou reconnectez-vous avec « gcloud auth application-default login », puis relancez.',
        );
      case 403: {
        const text = `${f.reasons.join(' ')} ${f.message}`;
        if (/SERVICE_DISABLED|has not been used in project|is disabled/i.test(text)) {
          return fail(
            "L'API Google Sheets n'est pas activée pour le projet Google Cloud de ce compte : activez-la " +
              '(console Google Cloud > API et services > Bibliothèque > Google Sheets API), attendez quelques minutes puis relancez.',
          );
        }
        if (/ACCESS_TOKEN_SCOPE_INSUFFICIENT|insufficient authentication scopes/i.test(text)) {
          return fail(
            "Les identifiants utilisés n'ont pas le droit de lire Google Sheets (portée insuffisante) : reconnectez-vous avec " +
              `« gcloud auth application-default login --scopes=${SHEETS_READONLY_SCOPE},https://www.googleapis.com/auth/cloud-platform ».`,
          );
        }
        const account = serviceAccount();
        return fail(
          account
            ? `Le classeur n'est pas partagé avec le compte de service ${account} : partagez-le en lecture avec ce compte ` +
                `(bouton « Partager » du classeur ${id}, rôle « Lecteur »), puis relancez.`
            : `Le classeur n'est pas partagé avec le compte utilisé : partagez-le en lecture avec ce compte ` +
                `(bouton « Partager » du classeur ${id}, rôle « Lecteur »), puis relancez.`,
        );
      }
      case 404:
        return fail(
          `Aucun classeur Google Sheets ne porte l'identifiant « ${id} » (404). L'identifiant est la partie de l'adresse ` +
            'du classeur entre /d/ et /edit : https://docs.google.com/spreadsheets/d/IDENTIFIANT/edit. Corrigez-le puis relancez.',
        );
      case 429:
        return fail(
          f.retryAfterMs !== undefined && f.retryAfterMs > MAX_RETRY_AFTER_MS
            ? `Quota de l'API Google Sheets dépassé (429) : Google demande d'attendre ${Math.ceil(f.retryAfterMs / 1000)} s. ` +
                'Relancez plus tard.'
            : `Quota de l'API Google Sheets dépassé (429)${afterAttempts} : patientez une minute puis relancez.`,
        );
      case 400:
        if (/not supported for this document/i.test(f.message)) {
          return fail(
            `Le document ${id} est un fichier Excel déposé dans Google Drive, pas un classeur Google Sheets : ouvrez-le, ` +
              "faites Fichier > Enregistrer au format Google Sheets et utilisez l'identifiant du nouveau classeur.",
          );
        }
        if (/Unable to parse range/i.test(f.message)) {
          return fail(
            `Un onglet du classeur ${id} a été renommé ou supprimé pendant la lecture (${f.message}) : relancez.`,
          );
        }
        return fail(`L'API Google Sheets a refusé la requête (400 : ${f.message}).`);
      default:
        if (f.status >= 500) {
          return fail(
            `L'API Google Sheets est indisponible (erreur ${f.status})${afterAttempts} : réessayez dans quelques minutes.`,
          );
        }
        return fail(`L'API Google Sheets a répondu ${f.status} : ${f.message}`);
    }
  }

  const requestTimeout = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const budget = opts.budgetMs ?? READ_BUDGET_MS;
  const now = opts.now ?? Date.now;

  function outOfTime(err: unknown, attempts: number, requests: number, deadline: number): SourceError {
    const seconds = Math.max(1, Math.round((now() - (deadline - budget)) / 1000));
    return new SourceError(
      `${host} n'a pas répondu à temps : lecture abandonnée après ${seconds} s` +
        `${attempts > 1 ? ` et ${attempts} tentatives` : ''}. Vérifiez la connexion Internet, le proxy ` +
        '(variable HTTPS_PROXY) et MAILLAGE_API_SHEETS, puis relancez. Les fichiers publiés précédemment sont inchangés.',
      { cause: err, requests },
    );
  }

  /**
   * `send(timeout)` until it succeeds, a failure is final, or the read's budget is spent (each try
   * gets at most what is left of it).
   */
  async function withRetry<T>(
    send: (timeoutMs: number) => Promise<T>,
    counter: { requests: number },
    deadline: number,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const left = deadline - now();
      if (left <= 0) throw outOfTime(undefined, attempt - 1, counter.requests, deadline);
      try {
        return await send(Math.min(requestTimeout, left));
      } catch (err) {
        if (err instanceof SourceError) throw err;
        const f = readFailure(err, rootUrl);
        const tooLong = f.retryAfterMs !== undefined && f.retryAfterMs > MAX_RETRY_AFTER_MS;
        const wait = f.retryAfterMs ?? backoff(attempt);
        // Retried while tries are left and the wait leaves time for one more.
        if (!isRetryable(f) || attempt >= maxAttempts || tooLong || now() + wait >= deadline) {
          const timedOut = f.network === 'TimeoutError' || f.network === 'AbortError';
          throw timedOut
            ? outOfTime(err, attempt, counter.requests, deadline)
            : explain(err, f, attempt, counter.requests);
        }
        await sleep(wait);
      }
    }
  }

  return {
    label: `classeur Google Sheets ${shortId(spreadsheetId)}`,
    async read(tabs) {
      const deadline = now() + budget;
      const counter = { requests: 0 };
      // Whatever hangs beyond the per-request timeouts (a token request started just before the
      // deadline), the read ends a moment after its budget.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(outOfTime(undefined, 0, counter.requests, deadline)),
          budget + GRACE_MS,
        );
      });
      try {
        return await Promise.race([readTabs(tabs, deadline, counter), late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };

  async function readTabs(
    tabs: readonly string[],
    deadline: number,
    counter: { requests: number },
  ): Promise<{ workbook: RawWorkbook; requests: number }> {
    const countingFetch: typeof fetch = (input, init) => {
      counter.requests++;
      return fetch(input, init);
    };
    const { sheets } = await import('@googleapis/sheets');
    const api = sheets({
      version: 'v4',
      rootUrl,
      auth: (await authClient()) as sheets_v4.Options['auth'],
    });
    const call = (timeout: number) => ({ retry: false, fetchImplementation: countingFetch, timeout });
    /** The API's answers are JSON objects: anything else is somebody else's page. */
    const json = <R extends { data: unknown; headers?: unknown }>(res: R): R => {
      const page = webPage(res.data, header(res.headers, 'content-type'));
      if (page !== undefined) throw new SourceError(notTheApi(host, page), { requests: counter.requests });
      return res;
    };

    const meta = json(
      await withRetry(
        (timeout) =>
          api.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(title)' }, call(timeout)),
        counter,
        deadline,
      ),
    );
    const titles = (meta.data.sheets ?? [])
      .map((s) => s.properties?.title)
      .filter((t): t is string => typeof t === 'string');
    const present: Array<{ tab: string; title: string }> = [];
    for (const tab of uniqueTabs(tabs)) {
      const title = findName(tab, titles);
      if (title !== undefined) present.push({ tab, title });
    }

    const workbook: RawWorkbook = {};
    if (present.length > 0) {
      const res = json(
        await withRetry(
          (timeout) =>
            api.spreadsheets.values.batchGet(
              {
                spreadsheetId,
                ranges: present.map((p) => wholeTabRange(p.title)),
                valueRenderOption: 'UNFORMATTED_VALUE',
                dateTimeRenderOption: 'SERIAL_NUMBER',
                majorDimension: 'ROWS',
              },
              call(timeout),
            ),
          counter,
          deadline,
        ),
      );
      const ranges = res.data.valueRanges ?? [];
      if (ranges.length !== present.length) {
        throw new SourceError(
          `Réponse inattendue de l'API Google Sheets : ${ranges.length} plages reçues pour ${present.length} onglets demandés. Relancez.`,
          { requests: counter.requests },
        );
      }
      present.forEach((p, i) => {
        // The API omits `values` for an empty tab and drops trailing empty cells and rows.
        workbook[p.tab] = (ranges[i]?.values ?? []) as unknown[][];
      });
    }
    return { workbook, requests: counter.requests };
  }
}

function checkKeyFile(path: string): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new SourceError(
      `Le fichier de clé indiqué par GOOGLE_APPLICATION_CREDENTIALS (${path}) est introuvable ou illisible : ` +
        'corrigez le chemin, ou téléchargez une clé JSON du compte de service ' +
        '(console Google Cloud > IAM et administration > Comptes de service > Clés > Ajouter une clé).',
      { cause, configuration: true },
    );
  }
  let missing: string[] = [];
  try {
    const key = JSON.parse(text) as Record<string, unknown> | null;
    if (!key || typeof key !== 'object' || typeof key.type !== 'string') throw new Error('type');
    const needed = REQUIRED_KEY_FIELDS[key.type] ?? [];
    missing = needed.filter((field) => typeof key[field] !== 'string' || key[field] === '');
  } catch (cause) {
    throw new SourceError(
      `Le fichier ${path} indiqué par GOOGLE_APPLICATION_CREDENTIALS n'est pas une clé JSON Google valide : ` +
        'téléchargez à nouveau la clé JSON du compte de service (console Google Cloud > Comptes de service > Clés).',
      { cause, configuration: true },
    );
  }
  if (missing.length > 0) {
    throw new SourceError(
      `La clé ${path} indiquée par GOOGLE_APPLICATION_CREDENTIALS est incomplète (il manque ${missing.join(', ')}) : ` +
        'téléchargez à nouveau la clé JSON du compte de service (console Google Cloud > IAM et administration > ' +
        'Comptes de service > Clés > Ajouter une clé), sans la modifier, puis relancez.',
      { configuration: true },
    );
  }
}

/** What each kind of Google credentials file must hold (google-auth-library refuses it otherwise). */
const REQUIRED_KEY_FIELDS: Record<string, readonly string[]> = {
  service_account: ['client_email', 'private_key'],
  authorized_user: ['client_id', 'client_secret', 'refresh_token'],
};
