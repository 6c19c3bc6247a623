// The privacy policy of innonet, in Vietnamese and English. PRIVACY_POLICY_VERSION must equal
// models.PrivacyPolicyVersion in the Go code (a Go test compares them): change both with the text, and every
// member is asked to accept the new version at the next visit.
import type { Lang } from '../../i18n/dict';

export const PRIVACY_POLICY_VERSION = '2026-11-28';

export interface PolicySection {
  title: string;
  paragraphs: string[];
}

export const POLICY: Record<Lang, { title: string; intro: string; sections: PolicySection[] }> = {
  vi: {
    title: 'Chính sách bảo vệ dữ liệu cá nhân',
    intro:
      'Chính sách này giải thích innonet, nền tảng của Mạng lưới đổi mới sáng tạo Hà Nội, xử lý dữ liệu cá nhân của bạn như thế nào, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân và Luật Bảo vệ dữ liệu cá nhân.',
    sections: [
      {
        title: '1. Dữ liệu chúng tôi thu thập',
        paragraphs: [
          'Tài khoản: email, tên hiển thị, mật khẩu (chỉ lưu dưới dạng băm argon2id), thời điểm tạo và đăng nhập gần nhất.',
          'Hồ sơ thành viên: tên, giới thiệu, lĩnh vực, kỹ năng, phường/xã, ngôn ngữ và thông tin liên hệ (email, điện thoại, website) cùng mức hiển thị bạn chọn cho từng trường.',
          'Hoạt động: bài toán bạn đăng, quan tâm và đề xuất bạn gửi, thông báo, cài đặt thông báo và các lần bạn đồng ý với chính sách này.',
        ],
      },
      {
        title: '2. Mục đích xử lý',
        paragraphs: [
          'Hiển thị danh bạ thành viên và cho phép tìm kiếm; gợi ý bài toán phù hợp và ứng viên giải bài toán; gửi thông báo theo lựa chọn của bạn; xác minh cơ quan và tổ chức; bảo đảm an toàn hệ thống.',
          'Chúng tôi không bán dữ liệu cá nhân và không dùng dữ liệu cho quảng cáo.',
        ],
      },
      {
        title: '3. Ai được xem thông tin liên hệ',
        paragraphs: [
          'Mỗi trường liên hệ có mức hiển thị do bạn chọn: công khai (mọi người), thành viên (người đã đăng nhập) hoặc riêng tư (chỉ bạn và quản trị viên).',
          'Danh sách, kết quả tìm kiếm, gợi ý và tệp xuất dữ liệu chỉ chứa các trường bạn để công khai.',
          'Khi bạn gửi quan tâm hoặc đề xuất cho một bài toán, cơ quan đăng bài toán đó được xem đầy đủ thông tin liên hệ của bạn. Mọi lần thông tin liên hệ không công khai được hiển thị cho người khác đều được ghi vào nhật ký kiểm toán.',
        ],
      },
      {
        title: '4. Quyền của bạn',
        paragraphs: [
          'Bạn có quyền được biết, đồng ý, rút lại sự đồng ý, truy cập, chỉnh sửa, xóa dữ liệu và nhận bản sao dữ liệu của mình.',
          'Trong mục "Quyền riêng tư", bạn có thể tải toàn bộ dữ liệu của mình dưới dạng JSON và xóa tài khoản. Khi xóa, hồ sơ bị gỡ khỏi danh bạ và tìm kiếm; dữ liệu cá nhân bị xóa; các đề xuất đã gửi cho cơ quan được giữ lại nhưng không còn gắn với danh tính của bạn.',
          'Nếu tổ chức của bạn có nhiều tài khoản, xóa một tài khoản chỉ gỡ tài khoản đó khỏi tổ chức; hồ sơ tổ chức chỉ bị xóa khi tài khoản cuối cùng bị xóa.',
        ],
      },
      {
        title: '5. Lưu trữ và bảo mật',
        paragraphs: [
          'Dữ liệu được lưu trên hạ tầng do Mạng lưới vận hành tại Việt Nam. Mật khẩu được băm, phiên đăng nhập dùng mã thông báo ngắn hạn, và mọi thao tác của quản trị viên được ghi vào nhật ký kiểm toán chỉ thêm, không sửa.',
          'Dữ liệu được giữ khi tài khoản còn hoạt động và được xóa khi bạn xóa tài khoản, trừ nhật ký kiểm toán (chỉ chứa mã định danh) mà pháp luật yêu cầu lưu giữ.',
        ],
      },
      {
        title: '6. Liên hệ',
        paragraphs: ['Mọi yêu cầu về dữ liệu cá nhân xin gửi đến bộ phận quản trị của Mạng lưới đổi mới sáng tạo Hà Nội.'],
      },
    ],
  },
  en: {
    title: 'Personal data protection policy',
    intro:
      "This policy explains how innonet, the platform of the Hanoi Innovation Network, processes your personal data, under Decree 13/2023/ND-CP on personal data protection and the Personal Data Protection Law.",
    sections: [
      {
        title: '1. The data we collect',
        paragraphs: [
          'Account: email, display name, password (stored only as an argon2id hash), when it was created and last used to sign in.',
          'Member profile: name, description, sectors, skills, ward, languages and contact details (email, phone, website) with the visibility you choose for each field.',
          'Activity: challenges you post, interests and proposals you send, notifications, notification settings, and each time you accept this policy.',
        ],
      },
      {
        title: '2. Why we process it',
        paragraphs: [
          'To show the member directory and make it searchable; to suggest fitting challenges and solvers; to notify you as you chose; to verify agencies and organisations; to keep the system secure.',
          'We do not sell personal data and do not use it for advertising.',
        ],
      },
      {
        title: '3. Who sees your contact details',
        paragraphs: [
          'Each contact field has the visibility you choose: public (everyone), members (signed-in people) or private (only you and the administrators).',
          'Lists, search results, suggestions and data exports carry only the fields you made public.',
          'When you send an interest or a proposal to a challenge, the agency that posted it sees your full contact details. Every time contact details that are not public are shown to someone else, it is written to the audit log.',
        ],
      },
      {
        title: '4. Your rights',
        paragraphs: [
          'You have the right to be informed, to consent and withdraw consent, to access, correct and delete your data, and to receive a copy of it.',
          'Under "Privacy" you can download all your data as JSON and delete your account. On deletion your profile leaves the directory and search, your personal data is erased, and proposals you sent to agencies are kept without your identity.',
          'If your organisation has several accounts, deleting one only removes it from the organisation; the organisation\u2019s profile goes only with its last account.',
        ],
      },
      {
        title: '5. Storage and security',
        paragraphs: [
          'Data is stored on infrastructure run by the Network in Vietnam. Passwords are hashed, sessions use short-lived tokens, and every administrator action is written to an append-only audit log.',
          'Data is kept while the account is active and erased when you delete the account, except the audit log (which holds identifiers only) that the law requires us to keep.',
        ],
      },
      {
        title: '6. Contact',
        paragraphs: ['Please send any request about your personal data to the administrators of the Hanoi Innovation Network.'],
      },
    ],
  },
};
