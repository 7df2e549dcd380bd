/* global parent, location */
// keycloak-js opens the issuer in a hidden iframe with prompt=none; the issuer redirects here
// with its answer in the fragment, which goes back to the app (same origin only).
parent.postMessage(location.href, location.origin);
