import {
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticationError, JwtVerifier, type Principal, type Role } from '@sportclub/auth';
import { EnrolMemberHandler } from '../members/application/enrol-member/enrol-member.handler';
import { MemberSuspendedError } from '../members/domain/member';

const ROLES_KEY = 'sportclub:roles';
const ALLOW_SUSPENDED = 'sportclub:allow-suspended';
const PUBLIC_ROUTE = 'sportclub:public-route';
/** A member route a suspended member may still call (to read their own membership and why). */
export const AllowSuspended = () => SetMetadata(ALLOW_SUSPENDED, true);
/**
 * A /v1 route called without a token: what it serves is reached by a secret of its own (a booking
 * feed's URL), checked by its handler. The route declares no roles; the rate limit still counts it.
 */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
export const isPublicRoute = (reflector: Reflector, ctx: ExecutionContext): boolean =>
  reflector.get<boolean | undefined>(PUBLIC_ROUTE, ctx.getHandler()) === true;
/** Roles allowed on a route (any of them). Every /v1 route must declare them: a route without is refused. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A member acting for themselves. */
export const MEMBER: Role[] = ['member'];
/** The club's staff (admins included). */
export const STAFF: Role[] = ['staff', 'admin'];
/** The club's administrators only: settings that hold secrets (the club's own provider accounts). */
export const ADMIN: Role[] = ['admin'];
/** A member for themselves, or staff for any member of their club. */
export const MEMBER_OR_STAFF: Role[] = ['member', 'staff', 'admin'];

/** Club staff (or admins) act for any member of their club; members only for themselves. */
export const isStaff = (p: Principal): boolean => p.roles.includes('staff') || p.roles.includes('admin');

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);

/**
 * Every /v1 route (this guard is global) needs a Keycloak access token verified locally (RS256, issuer, audience, expiry,
 * token type, tenant) and one of the roles the route declares: a bad token answers 401 with the reason,
 * a missing role 403 (a partner's service account is no member). A club's user acting as a member
 * becomes a member of the club on their first call, and is refused (403) while suspended. A route
 * marked @PublicRoute() is the one exception: it takes no token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
    private readonly enrol: EnrolMemberHandler,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    // Applied to every route of the app: the API under /v1; health, metrics, docs and signed webhooks
    // (checked by their own controllers) are not the API, and message handlers are not HTTP.
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<{
      path: string;
      headers: Record<string, string | undefined>;
      principal?: Principal;
    }>();
    if (!req.path.startsWith('/v1/') && req.path !== '/v1') return true;
    if (isPublicRoute(this.reflector, ctx)) return true;
    const [scheme, token, ...rest] = (req.headers.authorization ?? '').split(' ');
    // Authentication schemes are case-insensitive (RFC 9110 §11.1).
    if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
      throw new UnauthorizedException({ error: 'unauthorized', reason: 'a Bearer access token is required' });
    }
    let principal: Principal;
    try {
      principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof AuthenticationError)
        throw new UnauthorizedException({ error: 'unauthorized', reason: error.reason });
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    // Fail closed: a route that forgot to say who may call it is called by nobody.
    const allowed = (roles ?? []).filter((r) => principal.roles.includes(r));
    if (allowed.length === 0) {
      throw new ForbiddenException({
        error: 'forbidden',
        reason: roles ? `requires one of the roles: ${roles.join(', ')}` : 'route declares no roles',
      });
    }
    // Acting as a member (not as staff): the membership must exist (made now) and be active.
    if (!isStaff(principal) || !allowed.some((r) => STAFF.includes(r))) {
      await this.enrol.execute(principal.tenantId, principal.subject).catch((error: unknown) => {
        const allowSuspended = this.reflector.get<boolean>(ALLOW_SUSPENDED, ctx.getHandler());
        if (!(error instanceof MemberSuspendedError && allowSuspended)) throw error;
      });
    }
    req.principal = principal;
    return true;
  }
}
