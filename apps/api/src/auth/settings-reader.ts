/** Injection token: whether registration is open (built-in issuer), `false` with Keycloak. */
export const SETTINGS_READER = Symbol('SETTINGS_READER');

export interface SettingsReader {
  registrationOpen(): Promise<boolean>;
}
