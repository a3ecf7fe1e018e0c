/**
 * Detection of structured personal data (e-mail addresses, phone numbers, payment cards, IBANs, US
 * social security numbers, IP and MAC addresses, dates, URLs, national and licence numbers, crypto
 * wallets) with hand-written scanners that validate checksums and number plans instead of matching
 * shapes alone, plus context-cued street addresses and person names.
 */
package io.airs.core.guardrail.pii;
