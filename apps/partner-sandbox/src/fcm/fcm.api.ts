import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { VendorApi } from '../faults/vendor-faults.interceptor';
import { FcmApiException, FcmExceptionFilter } from './fcm.errors';
import { GoogleOAuth } from './google-oauth';

const UNAUTHENTICATED =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/**
 * A bearer access token from the sandbox's token endpoint (else 401 UNAUTHENTICATED), with an FCM
 * scope and issued to an account of the project in the path (else 403 PERMISSION_DENIED, as Google
 * answers a service account without `cloudmessaging.messages.create` on the project).
 */
@Injectable()
export class FcmAuthGuard implements CanActivate {
  constructor(private readonly oauth: GoogleOAuth) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<HttpRequest & { params: Record<string, string> }>();
    const token = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = token ? this.oauth.grantOf(token) : null;
    if (!grant) throw new FcmApiException(401, UNAUTHENTICATED);
    if (!GoogleOAuth.canSendMessages(grant)) {
      throw new FcmApiException(403, 'Request had insufficient authentication scopes.', {
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' },
        ],
      });
    }
    const projectId = req.params.projectId;
    if (grant.projectId !== projectId) {
      throw new FcmApiException(
        403,
        `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${projectId}' (or it may not exist).`,
        {
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'IAM_PERMISSION_DENIED' }],
        },
      );
    }
    return true;
  }
}

/** What every FCM controller is: access token check, faults, Google's error shape. */
export const FcmApi = () => VendorApi('fcm', FcmAuthGuard, FcmExceptionFilter);
