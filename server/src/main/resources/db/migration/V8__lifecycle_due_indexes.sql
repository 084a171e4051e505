-- The lifecycle jobs (decision 0016) find what is due with one indexed range per tenant, never a scan.

-- Waiting for the first staff reply and not escalated yet, by when the clock started.
CREATE INDEX conversations_escalation_due ON conversations(tenant_id, period_first_contact_at)
    WHERE status = 'open' AND escalation_active = 1;

-- Not closed, by when the conversation went quiet: its last user or staff message, or the start of the open period
-- when that came later (a staff reopen without a message, a followup's new conversation).
CREATE INDEX conversations_quiet_since ON conversations(tenant_id, MAX(period_started_at, COALESCE(last_activity_message_at, 0)))
    WHERE status <> 'closed';
