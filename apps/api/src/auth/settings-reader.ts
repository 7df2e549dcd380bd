/** Injection token: whether anyone may register (built-in issuer), `false` with Keycloak. */
export const SETTINGS_READER = Symbol('SETTINGS_READER');

export interface SettingsReader {
  registrationOpen(): Promise<boolean>;
}
