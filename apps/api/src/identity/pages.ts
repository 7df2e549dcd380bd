import { PASSWORD_MIN_LENGTH, type Language } from '@technopolice/shared';

/**
 * The issuer's own pages (sign in, create an account, sign out, errors), rendered on the server
 * in the app's look, French first. No script, no third-party resource: one stylesheet of ours.
 */

const TEXT = {
  fr: {
    tagline: 'Enquêtes citoyennes sur la surveillance',
    signInTitle: 'Se connecter',
    signInLead: 'Connectez-vous à l’espace de travail de votre groupe.',
    username: 'Identifiant',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    wrongCredentials: 'Identifiant ou mot de passe incorrect.',
    noAccount:
      'Pas encore de compte ? Les comptes se créent à partir d’une invitation de votre groupe.',
    createInstead: 'Créer un compte',
    registerTitle: 'Créer un compte',
    registerLead: 'Un pseudonyme suffit : aucun nom réel ni adresse e-mail ne vous sera demandé.',
    invitedLead: 'Vous avez été invité·e à rejoindre un groupe.',
    displayName: 'Nom affiché (pseudonyme)',
    displayNameHint: 'Ce que les autres membres verront.',
    usernameHint: '3 à 32 caractères : lettres minuscules, chiffres, point, tiret ou tiret bas.',
    passwordHint: `Au moins ${PASSWORD_MIN_LENGTH} caractères, différent de l’identifiant.`,
    passwordConfirm: 'Confirmez le mot de passe',
    register: 'Créer mon compte',
    haveAccount: 'Déjà un compte ? Se connecter',
    registrationClosed:
      'Les inscriptions se font sur invitation : demandez un lien à votre groupe.',
    mismatch: 'Les deux mots de passe diffèrent.',
    signOutTitle: 'Se déconnecter',
    signOutLead: 'Voulez-vous vous déconnecter de Technopolice ?',
    signOut: 'Me déconnecter',
    stay: 'Rester connecté·e',
    signedOutTitle: 'Vous êtes déconnecté·e',
    signedOutLead: 'À bientôt.',
    back: 'Retour à Technopolice',
    errorTitle: 'La connexion n’a pas abouti',
    errorLead:
      'La demande de connexion est invalide ou a expiré. Revenez à l’application et réessayez.',
    language: 'English',
  },
  en: {
    tagline: 'Citizen investigations into surveillance',
    signInTitle: 'Sign in',
    signInLead: 'Sign in to your group’s workspace.',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    wrongCredentials: 'Wrong username or password.',
    noAccount: 'No account yet? Accounts are created from an invitation of your group.',
    createInstead: 'Create an account',
    registerTitle: 'Create an account',
    registerLead: 'A pseudonym is enough: no real name or e-mail address is asked.',
    invitedLead: 'You have been invited to join a group.',
    displayName: 'Display name (pseudonym)',
    displayNameHint: 'What other members will see.',
    usernameHint: '3 to 32 characters: lowercase letters, digits, dot, dash or underscore.',
    passwordHint: `At least ${PASSWORD_MIN_LENGTH} characters, not your username.`,
    passwordConfirm: 'Confirm the password',
    register: 'Create my account',
    haveAccount: 'Already have an account? Sign in',
    registrationClosed: 'Accounts are created by invitation: ask your group for a link.',
    mismatch: 'The two passwords differ.',
    signOutTitle: 'Sign out',
    signOutLead: 'Do you want to sign out of Technopolice?',
    signOut: 'Sign me out',
    stay: 'Stay signed in',
    signedOutTitle: 'You are signed out',
    signedOutLead: 'See you soon.',
    back: 'Back to Technopolice',
    errorTitle: 'Sign-in did not complete',
    errorLead: 'The sign-in request is invalid or has expired. Go back to the app and try again.',
    language: 'Français',
  },
} satisfies Record<Language, Record<string, string>>;

export type PageText = (typeof TEXT)['fr'];
export const textFor = (language: Language): PageText => TEXT[language];

/** Picks the language: an explicit choice, then the browser's preference, then French. */
export function pickLanguage(...hints: (string | undefined | null)[]): Language {
  for (const hint of hints) {
    const match = hint?.toLowerCase().match(/\b(fr|en)\b/);
    if (match) return match[1] as Language;
  }
  return 'fr';
}

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const LOGO = `<svg class="logo" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="8" fill="#e4572e"/><path d="M6 16c2.6-4.4 6.1-6.6 10-6.6s7.4 2.2 10 6.6c-2.6 4.4-6.1 6.6-10 6.6S8.6 20.4 6 16Z" fill="none" stroke="#fff" stroke-width="2"/><circle cx="16" cy="16" r="3.2" fill="none" stroke="#fff" stroke-width="2"/><path d="M7 25 25 7" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/></svg>`;

/** The frame every issuer page shares. */
export function page(options: {
  language: Language;
  title: string;
  body: string;
  cssHref: string;
  switchHref?: string;
  /** A script of ours, and a flag it reads from the body. */
  script?: { src: string; auto: boolean };
}): string {
  const t = textFor(options.language);
  const other = options.switchHref
    ? `<a class="lang" href="${escapeHtml(options.switchHref)}" lang="${options.language === 'fr' ? 'en' : 'fr'}">${t.language}</a>`
    : '';
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} · Technopolice</title>
<link rel="stylesheet" href="${escapeHtml(options.cssHref)}">
${options.script ? `<script src="${escapeHtml(options.script.src)}" defer></script>` : ''}
</head>
<body${options.script?.auto ? ' data-auto="yes"' : ''}>
<main class="wrap">
<header class="brand">${LOGO}<div><strong>Technopolice</strong><span>${t.tagline}</span></div>${other}</header>
<section class="card">
${options.body}
</section>
</main>
</body>
</html>`;
}

/** A page that only says something, with a way back to the app. */
export function messagePage(t: PageText, title: string, lead: string, problem?: string) {
  return {
    title,
    body: `<h1>${escapeHtml(title)}</h1><p class="lead">${escapeHtml(lead)}</p>${alert(problem)}<p><a href="/">${t.back}</a></p>`,
  };
}

export interface Field {
  name: string;
  label: string;
  type?: string;
  value?: string;
  hint?: string;
  autocomplete: string;
  error?: string;
}

export function field(f: Field): string {
  const hintId = f.hint ? `${f.name}-hint` : '';
  const errorId = f.error ? `${f.name}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return `<div class="field">
<label for="${f.name}">${escapeHtml(f.label)}</label>
<input id="${f.name}" name="${f.name}" type="${f.type ?? 'text'}" value="${escapeHtml(f.value ?? '')}" autocomplete="${f.autocomplete}" required${describedBy ? ` aria-describedby="${describedBy}"` : ''}${f.error ? ' aria-invalid="true"' : ''}>
${f.hint ? `<p class="hint" id="${hintId}">${escapeHtml(f.hint)}</p>` : ''}
${f.error ? `<p class="error" id="${errorId}">${escapeHtml(f.error)}</p>` : ''}
</div>`;
}

export const alert = (message: string | undefined) =>
  message ? `<p class="alert" role="alert">${escapeHtml(message)}</p>` : '';

export const LOGIN_CSS = `
@font-face{font-family:"Inter Variable";font-style:normal;font-display:swap;font-weight:100 900;src:url(inter.woff2) format("woff2")}
:root{--ink:#101828;--muted:#475467;--line:#e4e7ec;--bg:#f6f5f1;--accent:#c2410c;--accent-strong:#9a3412;--danger:#b42318;--navy:#13203b}
*{box-sizing:border-box}
html,body{margin:0}
body{font-family:"Inter Variable",Inter,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--ink);line-height:1.5}
.wrap{max-width:440px;margin:0 auto;padding:48px 20px}
.brand{display:flex;align-items:center;gap:12px;margin-bottom:24px}
.brand .logo{width:40px;height:40px;flex:none}
.brand strong{display:block;font-size:1.15rem}
.brand span{display:block;color:var(--muted);font-size:.85rem}
.brand .lang{margin-left:auto;font-size:.85rem;color:var(--navy)}
.card{background:#fff;border:1px solid var(--line);border-radius:16px;padding:28px;box-shadow:0 1px 2px rgba(16,24,40,.05)}
h1{font-size:1.5rem;margin:0 0 6px;color:var(--navy)}
.lead{color:var(--muted);margin:0 0 20px}
.field{margin-bottom:16px}
label{display:block;font-weight:600;font-size:.92rem;margin-bottom:6px}
input{width:100%;font:inherit;padding:10px 12px;border:1px solid #d0d5dd;border-radius:10px;background:#fff;color:var(--ink)}
input:focus-visible{outline:3px solid rgba(194,65,12,.35);border-color:var(--accent)}
input[aria-invalid=true]{border-color:var(--danger)}
.hint{margin:6px 0 0;color:var(--muted);font-size:.85rem}
.error{margin:6px 0 0;color:var(--danger);font-size:.85rem;font-weight:600}
.alert{background:#fef3f2;border:1px solid #fecdca;color:var(--danger);border-radius:10px;padding:10px 12px;margin:0 0 16px;font-weight:600}
button{width:100%;font:inherit;font-weight:600;padding:11px 14px;border-radius:10px;border:0;background:var(--navy);color:#fff;cursor:pointer}
button:hover{background:#1d2f55}
button:focus-visible,a:focus-visible{outline:3px solid rgba(194,65,12,.45);outline-offset:2px}
button.secondary{background:#fff;color:var(--navy);border:1px solid #d0d5dd;margin-top:10px}
.actions{margin-top:8px}
.foot{margin:20px 0 0;color:var(--muted);font-size:.9rem}
.foot a,a{color:var(--accent-strong)}
`;
