import { type Static, Type as T } from '@sinclair/typebox';
import { text, whole } from './fields.ts';

/** A stored file (Casdoor's Resource): its name is the object key, such as `/avatars/alice.png`. */
export const Resource = T.Object({
  owner: text('The organization'),
  name: text('The object key the file is stored under, such as /avatars/alice.png'),
  createdTime: text(),
  user: text('The user the file belongs to'),
  provider: text('The storage provider; empty for the built-in storage in the data folder'),
  application: text(),
  tag: text(),
  parent: text(),
  fileName: text(),
  fileType: text('image, video, text, application …'),
  fileFormat: text('The extension, such as .png'),
  fileSize: whole(0, 'Bytes'),
  url: text('Where the file is served'),
  description: text(),
});

export type Resource = Static<typeof Resource>;
