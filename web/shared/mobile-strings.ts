import { addBundle } from './i18n.js';

/** Strings of the parts both phone apps use (camera button, signature pad). */
addBundle(
  { mobile: { photo: '拍照', removePhoto: '删除照片', signature: '业户签名', resign: '重写签名' } },
  { mobile: { photo: 'Photo', removePhoto: 'Remove photo', signature: "Resident's signature", resign: 'Sign again' } },
);
