--
-- PostgreSQL database dump
--


SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA private;


--
-- Name: public; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA public;


--
-- Name: SCHEMA public; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA public IS 'standard public schema';


--
-- Name: current_app_role(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.current_app_role() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select case
        when private.current_jwt_role() = 'authenticated'
        then coalesce(private.current_claims() -> 'app_metadata' ->> 'role', 'customer')
        when private.current_jwt_role() = 'service_role' then 'service'
        else 'anon'
    end
$$;


--
-- Name: FUNCTION current_app_role(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.current_app_role() IS 'The emporium role of the caller: customer, vendor, rep, admin (app_metadata.role), service or anon. app_metadata is set only by the server, never by the user.';


--
-- Name: current_claims(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.current_claims() RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;


--
-- Name: FUNCTION current_claims(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.current_claims() IS 'The verified JWT claims of the current transaction ({} when none were set).';


--
-- Name: current_jwt_role(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.current_jwt_role() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select coalesce(private.current_claims() ->> 'role', 'anon')
$$;


--
-- Name: FUNCTION current_jwt_role(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.current_jwt_role() IS 'The database role the token asks for: anon, authenticated or service_role.';


--
-- Name: current_user_id(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.current_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO ''
    AS $_$
    select case
        when private.current_claims() ->> 'sub'
             ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        then (private.current_claims() ->> 'sub')::uuid
    end
$_$;


--
-- Name: FUNCTION current_user_id(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.current_user_id() IS 'The caller''s user id (claim sub), or NULL for anon and for a sub that is not a uuid.';


--
-- Name: is_admin(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.is_admin() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select private.current_app_role() = 'admin'
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: alembic_version; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: credentials; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.credentials (
    user_id uuid DEFAULT gen_random_uuid() NOT NULL,
    email text NOT NULL,
    password_hash text NOT NULL,
    app_role text DEFAULT 'customer'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    disabled_at timestamp with time zone,
    CONSTRAINT ck_credentials__app_role_known CHECK ((app_role = ANY (ARRAY['customer'::text, 'vendor'::text, 'rep'::text, 'admin'::text]))),
    CONSTRAINT ck_credentials__argon2id_hash CHECK ((password_hash ~~ '$argon2id$%'::text)),
    CONSTRAINT ck_credentials__email_normalized CHECK (((email = lower(btrim(email))) AND (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'::text)))
);


--
-- Name: refresh_tokens; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.refresh_tokens (
    id bigint NOT NULL,
    token_hash bytea NOT NULL,
    user_id uuid NOT NULL,
    session_id uuid NOT NULL,
    issued_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    revoked_reason text,
    CONSTRAINT ck_refresh_tokens__expires_after_issue CHECK ((expires_at > issued_at)),
    CONSTRAINT ck_refresh_tokens__revoked_with_reason CHECK ((((revoked_at IS NULL) = (revoked_reason IS NULL)) AND (revoked_reason = ANY (ARRAY['rotated'::text, 'logout'::text, 'reuse_detected'::text]))))
);


--
-- Name: refresh_tokens_id_seq; Type: SEQUENCE; Schema: private; Owner: -
--

ALTER TABLE private.refresh_tokens ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME private.refresh_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: alembic_version alembic_version_pkc; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: credentials pk_credentials; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.credentials
    ADD CONSTRAINT pk_credentials PRIMARY KEY (user_id);


--
-- Name: refresh_tokens pk_refresh_tokens; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.refresh_tokens
    ADD CONSTRAINT pk_refresh_tokens PRIMARY KEY (id);


--
-- Name: credentials uq_credentials__email; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.credentials
    ADD CONSTRAINT uq_credentials__email UNIQUE (email);


--
-- Name: refresh_tokens uq_refresh_tokens__token_hash; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.refresh_tokens
    ADD CONSTRAINT uq_refresh_tokens__token_hash UNIQUE (token_hash);


--
-- Name: ix_refresh_tokens__session_id; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX ix_refresh_tokens__session_id ON private.refresh_tokens USING btree (session_id);


--
-- Name: ix_refresh_tokens__user_id; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX ix_refresh_tokens__user_id ON private.refresh_tokens USING btree (user_id);


--
-- Name: refresh_tokens fk_refresh_tokens__user_id__credentials; Type: FK CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.refresh_tokens
    ADD CONSTRAINT fk_refresh_tokens__user_id__credentials FOREIGN KEY (user_id) REFERENCES private.credentials(user_id) ON DELETE CASCADE;


--
-- Name: alembic_version; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.alembic_version ENABLE ROW LEVEL SECURITY;

--
-- Name: credentials; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.credentials ENABLE ROW LEVEL SECURITY;

--
-- Name: refresh_tokens; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.refresh_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: alembic_version select_authenticator; Type: POLICY; Schema: private; Owner: -
--

CREATE POLICY select_authenticator ON private.alembic_version FOR SELECT TO authenticator USING (true);


--
-- Name: credentials select_own; Type: POLICY; Schema: private; Owner: -
--

CREATE POLICY select_own ON private.credentials FOR SELECT TO authenticated USING ((user_id = ( SELECT private.current_user_id() AS current_user_id)));


--
-- Name: refresh_tokens select_own; Type: POLICY; Schema: private; Owner: -
--

CREATE POLICY select_own ON private.refresh_tokens FOR SELECT TO authenticated USING ((user_id = ( SELECT private.current_user_id() AS current_user_id)));


--
-- Name: SCHEMA private; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA private TO anon;
GRANT USAGE ON SCHEMA private TO authenticated;
GRANT USAGE ON SCHEMA private TO service_role;
GRANT USAGE ON SCHEMA private TO authenticator;


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO anon;
GRANT USAGE ON SCHEMA public TO authenticated;
GRANT USAGE ON SCHEMA public TO service_role;


--
-- Name: FUNCTION current_app_role(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.current_app_role() FROM PUBLIC;
GRANT ALL ON FUNCTION private.current_app_role() TO anon;
GRANT ALL ON FUNCTION private.current_app_role() TO authenticated;
GRANT ALL ON FUNCTION private.current_app_role() TO service_role;


--
-- Name: FUNCTION current_claims(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.current_claims() FROM PUBLIC;
GRANT ALL ON FUNCTION private.current_claims() TO anon;
GRANT ALL ON FUNCTION private.current_claims() TO authenticated;
GRANT ALL ON FUNCTION private.current_claims() TO service_role;


--
-- Name: FUNCTION current_jwt_role(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.current_jwt_role() FROM PUBLIC;
GRANT ALL ON FUNCTION private.current_jwt_role() TO anon;
GRANT ALL ON FUNCTION private.current_jwt_role() TO authenticated;
GRANT ALL ON FUNCTION private.current_jwt_role() TO service_role;


--
-- Name: FUNCTION current_user_id(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.current_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION private.current_user_id() TO anon;
GRANT ALL ON FUNCTION private.current_user_id() TO authenticated;
GRANT ALL ON FUNCTION private.current_user_id() TO service_role;


--
-- Name: FUNCTION is_admin(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.is_admin() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_admin() TO anon;
GRANT ALL ON FUNCTION private.is_admin() TO authenticated;
GRANT ALL ON FUNCTION private.is_admin() TO service_role;


--
-- Name: TABLE alembic_version; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT ON TABLE private.alembic_version TO authenticator;


--
-- Name: TABLE credentials; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE private.credentials TO service_role;


--
-- Name: COLUMN credentials.user_id; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(user_id) ON TABLE private.credentials TO authenticated;


--
-- Name: COLUMN credentials.email; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(email) ON TABLE private.credentials TO authenticated;


--
-- Name: COLUMN credentials.app_role; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(app_role) ON TABLE private.credentials TO authenticated;


--
-- Name: COLUMN credentials.created_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(created_at) ON TABLE private.credentials TO authenticated;


--
-- Name: COLUMN credentials.updated_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(updated_at) ON TABLE private.credentials TO authenticated;


--
-- Name: TABLE refresh_tokens; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE private.refresh_tokens TO service_role;


--
-- Name: COLUMN refresh_tokens.id; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(id) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.user_id; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(user_id) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.session_id; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(session_id) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.issued_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(issued_at) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.expires_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(expires_at) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.revoked_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(revoked_at) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.revoked_reason; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(revoked_reason) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: SEQUENCE refresh_tokens_id_seq; Type: ACL; Schema: private; Owner: -
--

GRANT USAGE ON SEQUENCE private.refresh_tokens_id_seq TO service_role;


--
-- PostgreSQL database dump complete
--
