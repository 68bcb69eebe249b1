"""NetSynchro certificates: one PKCS#12 per establishment (UAI) and school year.

Decisions (CONVENTIONS.md §D):
- Upload: the file stays in memory (``uploads.BoundedMemoryUploadHandler``, 64 KiB), is decrypted once
  with the « Clé certificat » (``pkcs12.load_pkcs12``), and every check runs before anything is stored.
  The password is then dropped: never stored, never logged, never re-rendered.
- At rest: the PKCS#8 key and the PEM chain are two AES-256-GCM blobs (``keyring``) whose associated data
  names the certificate id, establishment id, school year and part, so a blob moved to another row,
  year or column fails to decrypt. ``certificate_rotate_keys`` moves every blob to the newest key.
- Status "illisible" means the blobs do not decrypt with the current key ring (missing key, tampering).
- Use: ``selectors.certificate_ssl_context`` builds an ``ssl.SSLContext`` through a memfd holding only
  a throwaway-password-encrypted key (``tls``); pass it to httpx as ``verify=``.
- Expiry: banners are computed live from the dates (this year's certificates, administrateurs only);
  the daily task only drives the e-mails, once per threshold (30 days, 7 days, expired).
"""
