// Package notify delivers notifications: it wakes the live streams of open browser tabs (Hub), renders the
// emails in Vietnamese and English (Renderer), sends the outbox through SMTP with retries (OutboxWorker,
// SMTPSender) and gathers daily and weekly digests (DigestWorker). Who is notified of what is decided by the
// use cases; the store is the source of truth, so several instances may run these workers side by side.
package notify
