import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import ChallengeDetail from './pages/ChallengeDetail';
import ChallengeEdit from './pages/ChallengeEdit';
import Challenges from './pages/Challenges';
import Home from './pages/Home';
import MemberProfile from './pages/MemberProfile';
import Members from './pages/Members';
import MyMatches from './pages/MyMatches';
import MyProfile from './pages/MyProfile';
import MyProposals from './pages/MyProposals';
import NotificationSettings from './pages/NotificationSettings';
import Notifications from './pages/Notifications';
import { Login, NotFound, Register } from './pages/Auth';
import Invitation from './pages/Invitation';
import { ForgotPassword, ResetPassword } from './pages/PasswordReset';
import Staff from './pages/Staff';
import VerifyEmail from './pages/VerifyEmail';
import PrivacyPolicy from './pages/privacy/PrivacyPolicy';
import PrivacySettings from './pages/privacy/PrivacySettings';

// The admin area (and its charts) is its own chunk, loaded only when an admin opens it.
const Admin = lazy(() => import('./pages/admin/Admin'));

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="members" element={<Members />} />
        <Route path="members/:id" element={<MemberProfile />} />
        <Route path="me/profile" element={<MyProfile />} />
        <Route path="me/matches" element={<MyMatches />} />
        <Route path="me/proposals" element={<MyProposals />} />
        <Route path="challenges" element={<Challenges />} />
        <Route path="challenges/new" element={<ChallengeEdit />} />
        <Route path="challenges/:id" element={<ChallengeDetail />} />
        <Route path="challenges/:id/edit" element={<ChallengeEdit />} />
        <Route path="notifications" element={<Notifications />} />
        <Route path="settings/notifications" element={<NotificationSettings />} />
        <Route path="settings/privacy" element={<PrivacySettings />} />
        <Route path="privacy" element={<PrivacyPolicy />} />
        <Route path="login" element={<Login />} />
        <Route path="register" element={<Register />} />
        <Route path="verify-email" element={<VerifyEmail />} />
        <Route path="forgot-password" element={<ForgotPassword />} />
        <Route path="reset-password" element={<ResetPassword />} />
        <Route path="claim" element={<Invitation />} />
        <Route path="accept-invite" element={<Invitation />} />
        <Route path="me/staff" element={<Staff />} />
        <Route
          path="admin/*"
          element={
            <Suspense fallback={<div className="container"><Loading /></div>}>
              <Admin />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
