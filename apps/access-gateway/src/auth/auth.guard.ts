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

const ROLES_KEY = 'sportclub:roles';
/** Roles allowed on a route (any of them); without it any authenticated caller is allowed. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Club staff (or admins) act for any member of their club; members only for themselves. */
export const isStaff = (p: Principal): boolean => p.roles.includes('staff') || p.roles.includes('admin');

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);

/**
 * Every /v1 route needs a Keycloak access token verified locally (RS256, issuer, audience, expiry,
 * token type, tenant); a bad one answers 401 with the reason, a missing role 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new UnauthorizedException({ error: 'unauthorized', reason: 'a Bearer access token is required' });
    }
    try {
      req.principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof AuthenticationError)
        throw new UnauthorizedException({ error: 'unauthorized', reason: error.reason });
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (roles && !roles.some((r) => req.principal!.roles.includes(r))) {
      throw new ForbiddenException({
        error: 'forbidden',
        reason: `requires one of the roles: ${roles.join(', ')}`,
      });
    }
    return true;
  }
}
