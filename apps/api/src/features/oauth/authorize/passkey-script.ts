/**
 * The one script of the endpoint's own pages (allowed by its hash in their Content-Security-Policy):
 * the passkey forms. The sign-in form's passkey (`data-passkey-signin`): its button, and the
 * browser's autofill (a conditional request, started when the page loads and the browser supports
 * it, aborted when the button or the password is used); the second step's passkey
 * (`data-passkey-mfa`); and a passkey set up as the required second factor
 * (`data-passkey-enrolment`). Each answer is posted with the form's hidden fields, as the password is.
 */
export const passkeyScript = `(() => {
  if (!window.PublicKeyCredential) return;
  const text = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/[+]/g, '-').replace(/[/]/g, '_').replace(/=+$/, '');
  const bytes = (value) => Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const call = async (path, body) => {
    const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const answer = await (await fetch(path, { credentials: 'same-origin', ...init })).json();
    if (answer.status === 'error') throw new Error(answer.msg || '');
    return answer;
  };
  const descriptors = (list) => (list || []).map((item) => ({ ...item, id: bytes(item.id) }));
  const asJson = (credential) => {
    const r = credential.response;
    const response = { clientDataJSON: text(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = text(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = text(r.authenticatorData);
      response.signature = text(r.signature);
      if (r.userHandle) response.userHandle = text(r.userHandle);
    }
    return { id: credential.id, rawId: text(credential.rawId), type: credential.type, response,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults() };
  };
  let autofill;
  const passkeyAnswer = async (query, conditional) => {
    if (autofill) autofill.abort();
    const controller = new AbortController();
    if (conditional) autofill = controller;
    const begun = await call('/api/webauthn/signin/begin' + query);
    const options = { ...begun.publicKey, challenge: bytes(begun.publicKey.challenge), allowCredentials: descriptors(begun.publicKey.allowCredentials) };
    const request = { publicKey: options, signal: controller.signal };
    if (conditional) request.mediation = 'conditional';
    return asJson(await navigator.credentials.get(request));
  };
  const failed = (form, error) => {
    let shown = form.querySelector('.error');
    if (!shown) {
      shown = document.createElement('p');
      shown.className = 'error';
      shown.setAttribute('role', 'alert');
      form.prepend(shown);
    }
    shown.textContent = (error.name === 'Error' && error.message) || form.dataset.failed;
  };
  const post = (form, name, value) => {
    form.elements[name].value = JSON.stringify(value);
    form.submit();
  };
  const signin = document.querySelector('form[data-passkey-signin]');
  if (signin) {
    signin.querySelector('button').addEventListener('click', () =>
      passkeyAnswer('', false).then((answer) => post(signin, 'passkey', answer), (error) => failed(signin, error)));
    const password = document.querySelector('form[data-password-signin]');
    if (password) password.addEventListener('submit', () => autofill && autofill.abort());
    if (PublicKeyCredential.isConditionalMediationAvailable)
      PublicKeyCredential.isConditionalMediationAvailable().then((available) => {
        if (available) passkeyAnswer('', true).then((answer) => post(signin, 'passkey', answer), () => {});
      });
  }
  const second = document.querySelector('form[data-passkey-mfa]');
  if (second)
    second.querySelector('button').addEventListener('click', () =>
      passkeyAnswer('?purpose=mfa', false).then((answer) => post(second, 'passcode', answer), (error) => failed(second, error)));
  const enrol = document.querySelector('form[data-passkey-enrolment]');
  if (enrol)
    enrol.querySelector('button').addEventListener('click', async () => {
      try {
        const begun = await call('/api/webauthn/signup/begin');
        const o = begun.publicKey;
        const options = { ...o, challenge: bytes(o.challenge), user: { ...o.user, id: bytes(o.user.id) }, excludeCredentials: descriptors(o.excludeCredentials) };
        const created = await navigator.credentials.create({ publicKey: options });
        await call('/api/webauthn/signup/finish?name=' + encodeURIComponent(enrol.dataset.name || ''), asJson(created));
        enrol.submit();
      } catch (error) {
        failed(enrol, error);
      }
    });
})();`;
