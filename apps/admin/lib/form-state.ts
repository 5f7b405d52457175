/** What a server action answers a form: field errors next to fields, other errors at the top. */
export interface FormState {
  ok?: boolean;
  /** Changes on each success, so that the form can announce it. */
  savedAt?: number;
  message?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
  /** The submitted values, to show again after an error. */
  values?: Record<string, unknown>;
  /** Nothing was done because the session has ended: the form offers to sign in again and submits once more. */
  signedOut?: boolean;
}

export const idleForm: FormState = {};
