-- A widget origin other than '*' belongs to one tenant (PROTOCOL.md §C.5, decision 0036): claimed in
-- channel_identities under the kind 'widget_origin', lower-cased, whose primary key (kind, value) keeps two tenants
-- from ever holding the same one. Origins exactly one tenant lists today are claimed for it; an origin several
-- tenants already list stays unclaimed (its keyless traffic keeps going to the default tenant, as before) until
-- the others stop listing it.
INSERT INTO channel_identities(kind, value, tenant_id, created_at)
SELECT 'widget_origin', lower(o.value), MIN(t.id), MIN(t.created_at)
FROM tenants t,
     json_each(CASE WHEN json_valid(t.settings) THEN t.settings ELSE '{}' END, '$.widget.allowed_origins') o
WHERE o.type = 'text' AND o.value <> '*'
GROUP BY lower(o.value)
HAVING COUNT(DISTINCT t.id) = 1;
