export {
  JwtVerifier,
  AuthenticationError,
  ROLES,
  type Role,
  type Principal,
  type JwtVerifierOptions,
} from './jwt-verifier';
